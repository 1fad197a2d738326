/** A page as the client reads one: whether more follow, and the id of the last item listed (readable or not). */
export interface IdPage {
  has_more: boolean;
  lastId?: string;
}

/**
 * Toloka's id-cursor paging, as its SDK does it: the page after the last id listed, while `has_more` says there
 * is one. It also stops on a page that lists nothing new (no last id, or the same one), so a Toloka that promised
 * more and sent nothing cannot keep it asking.
 */
export async function* pagesById<P extends IdPage>(fetchPage: (idGt: string | undefined) => Promise<P>, from?: string): AsyncGenerator<P> {
  let idGt = from;
  for (;;) {
    const page = await fetchPage(idGt);
    yield page;
    if (!page.has_more || !page.lastId || page.lastId === idGt) return;
    idGt = page.lastId;
  }
}
