import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Accord", template: "%s · Accord" },
  description: "The drafting room of the RCC Working Group on interoperability and trust services",
  // The files live in public/; browsers ask for /favicon.ico on every page otherwise.
  manifest: "/manifest.webmanifest",
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-touch-icon.png",
  },
};

export const viewport: Viewport = { themeColor: "#0b5f6b" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: a page prerendered at build time would carry no CSP nonce and its scripts would be blocked.
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
