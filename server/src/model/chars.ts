// Character codes the model's scanners compare with charCodeAt: a number
// compare, where a one-character string would be made for every character.
export const TAB = 9;
export const LF = 10;
export const CR = 13;
export const SPACE = 32;
export const DQUOTE = 34;
export const HASH = 35;
export const DOLLAR = 36;
export const SQUOTE = 39;
export const EQUALS = 61;
export const BACKSLASH = 92;
export const BACKQUOTE = 96;
