import { expect } from 'vitest';

// Vitest types its asymmetric matchers as `any`, which switches off type checking for the whole object they sit in.
// These stand for the value they match, so the rest of an expected object is still checked.

/** A string that contains `text`. */
export const stringContaining = (text: string): string => expect.stringContaining(text) as string;

/** A string that matches `pattern`. */
export const stringMatching = (pattern: RegExp): string => expect.stringMatching(pattern) as string;

/** An object that has at least these properties (any others too). */
export const objectContaining = <T extends object>(properties: T): T => expect.objectContaining<object>(properties) as T;
