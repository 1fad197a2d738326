"use client";

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
      <div role="alert" className="space-y-2 text-sm">
        <p className="text-red-700 dark:text-red-400">Could not load the filter builder.</p>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            FilterBuilderChunk = lazy(filterBuilder); // React keeps a failed lazy's error: fetch with a new one
            this.setState({ failed: false });
          }}
        >
          Retry
        </Button>
      </div>
    );
  }
}

type FilterBuilderProps = ComponentProps<typeof import("./filter-builder/filter-builder").FilterBuilder>;

export function LazyFilterBuilder(props: FilterBuilderProps) {
  return (
    <ChunkBoundary>
      <Suspense
        fallback={
          <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
            Loading the filter builder…
          </p>
        }
      >
        <FilterBuilderChunk {...props} />
      </Suspense>
    </ChunkBoundary>
  );
}
