"use client";

import { useTranslations } from "next-intl";
import { Component, lazy, Suspense, type ComponentProps, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

// The filter builder (its conditions, the skill picker) only when the "filter" recipients mode is chosen.
const filterBuilder = () => import("./filter-builder/filter-builder").then((m) => ({ default: m.FilterBuilder }));
let FilterBuilderChunk = lazy(filterBuilder);

class ChunkBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <LoadFailed
        onRetry={() => {
          FilterBuilderChunk = lazy(filterBuilder); // React keeps a failed lazy's error: fetch with a new one
          this.setState({ failed: false });
        }}
      />
    );
  }
}

/** What shows when the builder's chunk could not be fetched (a function component: the words need a hook). */
function LoadFailed({ onRetry }: { onRetry: () => void }) {
  const t = useTranslations("compose.filterBuilder");
  return (
    <div role="alert" className="space-y-2 text-sm">
      <p className="text-red-700 dark:text-red-400">{t("loadFailed")}</p>
      <Button variant="secondary" size="sm" onClick={onRetry}>
        {t("retry")}
      </Button>
    </div>
  );
}

function Loading() {
  const t = useTranslations("compose.filterBuilder");
  return (
    <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
      {t("loading")}
    </p>
  );
}

type FilterBuilderProps = ComponentProps<typeof import("./filter-builder/filter-builder").FilterBuilder>;

export function LazyFilterBuilder(props: FilterBuilderProps) {
  return (
    <ChunkBoundary>
      <Suspense fallback={<Loading />}>
        <FilterBuilderChunk {...props} />
      </Suspense>
    </ChunkBoundary>
  );
}
