"""The quality worker: validates each run with Great Expectations and builds the dbt marts."""
