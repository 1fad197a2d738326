import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Toloka Messages", template: "%s · Toloka Messages" },
  description: "A team inbox for Toloka requesters",
  // The files are in public/ (scripts/icons.mjs renders them from icon.svg); proxy.ts lets them through without a session.
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: { url: "/apple-touch-icon.png", sizes: "180x180" },
  },
  manifest: "/manifest.webmanifest",
};

// Tailwind's blue-700, as in the manifest.
export const viewport: Viewport = { themeColor: "#1d4ed8" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, so each gets the nonce proxy.ts put in its Content-Security-Policy.
  await headers();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
