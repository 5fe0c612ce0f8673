# The gateway and the processor share one image; the command picks the entry point.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx tsc -p tsconfig.build.json
ENV NODE_ENV=production SKIP_BUILD=1
EXPOSE 3000
CMD ["node", "scripts/start.mjs", "gateway"]
