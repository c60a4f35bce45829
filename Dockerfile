# Image of the service; the same image runs the ANAC simulator and the CLI with their own commands:
#   node dist/apps/anac-sim/src/main.js      node dist/apps/cli/src/main.js --help
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Compile, then drop the development dependencies (compiler, test tools) from node_modules.
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 DATA_DIR=/data
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/config ./config
# Code belongs to root and is read-only for the service; only /data (keys, state) is writable.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
CMD ["node", "--enable-source-maps", "dist/apps/cig-service/src/main.js"]
