import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  { ignores: [".next/**", "generated/**", "data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    // Only lib/ talks to the database (STYLE.md rule 3).
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "@/lib/db", message: "Pages and components call lib/ functions; only lib/ touches Prisma." }],
          patterns: [{ group: ["@/generated/*", "@prisma/*"], message: "Only lib/ touches Prisma." }],
        },
      ],
    },
  },
  {
    // Dependencies point down: app/ -> components/ -> lib/ (STYLE.md rule 9).
    files: ["lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/components/*", "@/prisma/*", "@/app/*"], message: "lib/ never imports components/, app/ or prisma/." }] },
      ],
    },
  },
  {
    // The collaboration server loads lib/collab/** outside Next.js.
    files: ["lib/collab/**", "lib/auth/session.ts", "lib/policy.ts", "lib/db.ts", "lib/env.ts"],
    rules: {
      // Restates lib/'s rule: a later block's options replace an earlier block's for the same rule.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["next/*", "next", "server-only"], message: "Code the collaboration server loads must not import Next.js." },
            { group: ["@/components/*", "@/prisma/*", "@/app/*"], message: "lib/ never imports components/, app/ or prisma/." },
          ],
        },
      ],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
];

export default config;
