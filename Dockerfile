# Tenantgres server image: builds the native SQLite binding and the TypeScript sources, then runs
# the server on all interfaces with the data directory on a volume.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm ci && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
ENV TENANTGRES_HOST=0.0.0.0 \
    TENANTGRES_PORT=5432 \
    TENANTGRES_DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
EXPOSE 5432
USER node
ENTRYPOINT ["node", "dist/cli.js"]
