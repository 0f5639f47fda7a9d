import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyPluginAsync } from "fastify";
import fp from "fastify-plugin";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";

/**
 * The OpenAPI document is generated from the routes' zod schemas and served
 * at /openapi.json, with Swagger UI at /docs (both behind the API's auth).
 */
const openapi: FastifyPluginAsync = async (app) => {
  await app.register(swagger, {
    openapi: {
      info: {
        title: "TV ratings pipeline API",
        description: "Start, follow and cancel pipeline runs.",
        version: "1.0.0",
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: "http", scheme: "bearer" },
          basicAuth: { type: "http", scheme: "basic" },
        },
      },
      security: [{ bearerAuth: [] }, { basicAuth: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
};

export const openapiPlugin = fp(openapi, { name: "openapi", fastify: "5.x" });
