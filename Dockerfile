# The API (and, when their tokens are set, the bots) on Node.js 24. PostgreSQL comes from
# DATABASE_URL: docker-compose.yml runs one beside it.

# The dashboard is built with the dev dependencies (esbuild, Preact, uPlot, urql), in a stage of its own.
FROM node:24-bookworm-slim AS dashboard
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY bots/operation-hash.ts bots/operations.ts ./bots/
COPY server/dashboard.ts ./server/
COPY dashboard ./dashboard
RUN node dashboard/build.ts

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts
COPY db ./db
COPY domain ./domain
COPY schema ./schema
COPY server ./server
COPY bots ./bots
COPY dashboard/operations.ts ./dashboard/
COPY --from=dashboard /build/dashboard/dist ./dashboard/dist
USER node
EXPOSE 4000
CMD ["node", "server/main.ts"]
