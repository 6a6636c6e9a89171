#!/usr/bin/env bash
# The whole test suite: static checks, unit and integration tests, then the browser tests
# against a production build. `npm test` and CI run exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }

step "Type-check"
npx tsc --noEmit

step "Lint"
npx eslint --max-warnings=0 .

step "Unit and integration tests (Vitest)"
npx vitest run

step "Production build"
npx next build

step "End-to-end tests (Playwright, Debian Chromium)"
npx playwright test
