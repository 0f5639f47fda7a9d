const SECRET_QUERY_PARAMS = ["api_key", "apikey", "access_token", "token", "key"];

/** Removes credentials from a URL so it can be logged or stored. */
export function redactUrl(input: string | URL): string {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    return String(input).replace(/(api_?key|token)=[^&\s]+/gi, "$1=REDACTED");
  }
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_QUERY_PARAMS.includes(name.toLowerCase())) url.searchParams.set(name, "REDACTED");
  }
  if (url.password) url.password = "REDACTED";
  return url.toString();
}

/** Replaces every occurrence of the given secrets in a text. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("REDACTED");
  }
  return out.replace(/(api_?key|token)=[^&\s"']+/gi, "$1=REDACTED");
}
