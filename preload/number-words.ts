// How the recorder compares phone numbers (main/recorder/phone-number.ts), in words: for the settings' help (the
// window, --help, the README) and the CLI's erase and export help. They live here because both main and the window
// may import preload/; phone-number.ts may not, so test/recorder/phone-number.test.ts checks these words against
// what the code does.

/** From this many digits after a leading 00 on, the 00 is the international prefix (phone-number.ts). */
export const INTERNATIONAL_DIGITS = 7;

/** What is ignored when two numbers are compared. */
export const NUMBER_MATCHING_WORDS = `spaces, dashes, dots, slashes and brackets ignored, and so is a leading +, or a leading 00 before ${INTERNATIONAL_DIGITS} or more digits`;

/** The same for an auto-record rule's numbers, where `*` may stand for the rest of a full international number. */
export const PATTERN_MATCHING_WORDS = `${NUMBER_MATCHING_WORDS} or in a number with \`*\``;
