import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Accord", template: "%s · Accord" },
  description: "The drafting room of the RCC Working Group on interoperability and trust services",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: a page prerendered at build time would carry no CSP nonce and its scripts would be blocked.
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
