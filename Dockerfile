# The API (and, when their tokens are set, the bots) on Node.js 24. PostgreSQL comes from
# DATABASE_URL: docker-compose.yml runs one beside it.
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
USER node
EXPOSE 4000
CMD ["node", "server/main.ts"]
