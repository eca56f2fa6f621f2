# syntax=docker/dockerfile:1
# The Crosswind engine as an Amazon Bedrock AgentCore Runtime agent: `crosswind serve` on port 8080
# (the AgentCore Runtime HTTP contract, see src/cli/serve/agentcore-contract.ts and docs/cloud-tasks.md).
# The same image runs `crosswind exec --json` on GitHub Actions (docs/github-actions.md).
#
# Multi-arch: AgentCore runs ARM64 images; amd64 is for GitHub Actions and local runs.
#   docker buildx build --platform linux/arm64,linux/amd64 -t ACCOUNT.dkr.ecr.REGION.amazonaws.com/crosswind:TAG --push .
#
# No secret is baked in and none is passed as a build argument: the model credentials come at run time
# from the runtime's execution role (Bedrock), or from AWS Secrets Manager / Azure Key Vault by reference.

# The bundles are JavaScript and WebAssembly, the same on every architecture: build them once, natively.
FROM --platform=$BUILDPLATFORM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: nothing in the build needs an install script (esbuild finds its platform package).
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY scripts/build.mjs scripts/build.mjs
COPY src src
COPY media media
COPY types types
RUN node scripts/build.mjs --production

FROM node:20-bookworm-slim
# git: the task's repository (bundle or URL); ripgrep: the agent's search; bubblewrap: the sandbox the
# agent's commands run in (src/host/sandbox); ca-certificates: HTTPS to the model endpoints.
RUN apt-get update \
  && apt-get install -y --no-install-recommends git ripgrep bubblewrap ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/crosswind
COPY --from=build /src/dist/cli.js /src/dist/undici.js /src/dist/tree-sitter.wasm /src/dist/tree-sitter-bash.wasm ./dist/
COPY package.json LICENSE.md ./
# An unprivileged user, with a home for the CLI's state folder and a folder for the tasks.
RUN useradd --create-home --uid 10001 crosswind && mkdir -p /tasks && chown crosswind /tasks
USER crosswind
ENV NODE_ENV=production
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:8080/ping').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
ENTRYPOINT ["node", "/opt/crosswind/dist/cli.js", "serve", "--host", "0.0.0.0", "--port", "8080", "--work-dir", "/tasks"]
