/** Longest comment, quote or proposed wording accepted: a long paragraph of a treaty, not a whole annex. Shared with the browser's composer. */
export const COMMENT_MAX_LENGTH = 5_000;
