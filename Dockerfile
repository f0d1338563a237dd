# syntax=docker/dockerfile:1
#
# One image for every TechnoMatch process; the command picks the role:
#   api (default)  node dist/apps/api/src/main.js          HTTP on $PORT (3000)
#   worker         node dist/apps/worker/src/main.js       health/metrics on $WORKER_HEALTH_PORT (3001)
#   migrations     node dist/scripts/migrate.js
#   admin CLI      node dist/apps/cli/src/main.js <command>
#
#   docker build -t technomatch .

# ---- build: full install (dev dependencies included) and compile TypeScript to dist/ ----
FROM node:24-bookworm-slim AS build
WORKDIR /app

# Dependencies first, so that source edits reuse this layer. Install scripts run here: the `node`
# devDependency fetches the Node 24 binary that `npm run` puts first on PATH, and
# msgpackr-extract (see "allowScripts" in package.json) picks its prebuilt binary.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
COPY migrations ./migrations
COPY scripts ./scripts
# rm -rf dist && tsc -p tsconfig.build.json && tsc-alias -p tsconfig.build.json
RUN npm run build

# ---- runtime: production dependencies and the compiled output only ----
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app

# --omit=dev leaves out the toolchain, including the `node` npm package (the image's own
# Node 24 runs the app), so no devDependency install script runs in this stage.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY --from=build /app/dist ./dist

# Files stay owned by root, read-only for the process; the app writes nothing to disk.
USER node

EXPOSE 3000 3001

# Liveness of whichever process runs: the API answers on $PORT, the worker on $WORKER_HEALTH_PORT
# (the other port is closed, and Promise.any ignores the refused connection). No curl in slim images.
# docker-compose.yml replaces this with /health/ready checks per service.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const env = process.env; const probe = (port) => fetch('http://127.0.0.1:' + port + '/health/live', { signal: AbortSignal.timeout(4000) }).then((r) => (r.ok ? r : Promise.reject(new Error(String(r.status))))); Promise.any([probe(env.PORT || 3000), probe(env.WORKER_HEALTH_PORT || 3001)]).then(() => process.exit(0), () => process.exit(1));"]

# Node runs as the main process (not via npm) so that it receives SIGTERM and shuts down gracefully.
CMD ["node", "dist/apps/api/src/main.js"]
