import { Fragment } from "react";
import { markedParts } from "@/lib/filters/marks";

/** A marked text (usePartyLabel's, lib/filters/marks.ts): its words as words, its data translate="no". */
export function MarkedText({ text }: { text: string }) {
  return (
    <>
      {markedParts(text).map((part, i) =>
        part.data ? (
          <span key={i} translate="no">
            {part.text}
          </span>
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
