"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { Density } from "./density";

/** The list toolbar's switch between comfortable and compact rows. */
export function DensityToggle({ density, onChange }: { density: Density; onChange(d: Density): void }) {
  const t = useTranslations("inbox.density");
  const compact = density === "compact";
  return (
    <Button
      size="icon"
      variant="ghost"
      aria-label={t("label")}
      aria-pressed={compact}
      title={compact ? t("titleOn") : t("titleOff")}
      data-testid="density-toggle"
      onClick={() => onChange(compact ? "comfortable" : "compact")}
    >
      <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.6">
        {compact ? <path d="M2 3h12M2 6.3h12M2 9.7h12M2 13h12" /> : <path d="M2 4h12M2 8h12M2 12h12" />}
      </svg>
    </Button>
  );
}
