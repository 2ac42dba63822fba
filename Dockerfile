# syntax=docker/dockerfile:1
# One image for every function (docs/image.md). Each Knative Service picks its function with
# FUNCTION_TARGET, FUNCTION_SOURCE=dist/functions/<name>.cjs and FUNCTION_SIGNATURE_TYPE, which the
# Functions Framework reads itself. Build: docker build -t <registry>/uxflow-functions:<tag> .

# Build and runtime must run the very same Node: `npm run build` writes V8 code caches that a
# different Node version rejects (the functions would still start, only slower). `npm run` uses the
# Node of the `node` devDependency (node_modules/.bin), so this tag equals its exact version
# (a deploy test checks it).
FROM node:24.21.0-bookworm-slim AS node-base

# --- install: every dependency, for the build ---
FROM node-base AS install
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- build: the per-function bundles and their code caches under dist/ ---
FROM install AS build
COPY tsconfig.json ./
COPY scripts/ scripts/
COPY shared/ shared/
COPY functions/ functions/
# The API reference's files (dist/assets) are made from the checked-in contract.
COPY openapi.yaml ./
RUN npm run build

# --- production dependencies: the bundles' externals (functions-framework, @node-rs/argon2,
# nodemailer, stripe, @dagrejs/dagre, otpauth, …) are loaded from node_modules at run time ---
FROM node-base AS production-deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# --- runtime: Node and the app, no package managers, no compilers, no shell work at start ---
FROM node-base AS runtime
# npm, npx, corepack and yarn are build tools: not needed to serve, and a known source of CVEs.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack \
      /usr/local/bin/yarn /usr/local/bin/yarnpkg /opt/yarn-*
ENV NODE_ENV=production \
    APP_ENV=production \
    PORT=8080 \
    FUNCTION_SIGNATURE_TYPE=http \
    HOME=/tmp
WORKDIR /app
# Files stay owned by root: the app user can read, never write, its code (read-only root fs).
COPY --from=production-deps /src/node_modules ./node_modules
COPY --from=build /src/dist/functions ./dist/functions
COPY --from=build /src/dist/assets ./dist/assets
COPY package.json ./
# Numeric, so that Kubernetes can verify runAsNonRoot (uid 1000 is the image's `node` user).
USER 1000:1000
EXPOSE 8080
# Exec form, no shell: node is PID 1 and gets SIGTERM when Knative scales an instance down.
# The framework takes --target/--source/--signature-type from FUNCTION_TARGET, FUNCTION_SOURCE
# and FUNCTION_SIGNATURE_TYPE when no flag is given. The V8 flag (a young generation that starts at
# 24 MB: no garbage collection while a bundle loads; NODE_OPTIONS cannot carry it) is
# scripts/build/function-command.ts's, under which the build made the code caches; a deploy test
# keeps the two equal.
ENTRYPOINT ["node", "--min-semi-space-size=24", "node_modules/@google-cloud/functions-framework/build/src/main.js"]
