// Kept apart from the parser so that code needing only the limits (the CLI's file reader) does
// not load a YAML parser at start-up.

/**
 * Limits that keep hostile files from stalling or crashing the parser. The yaml package recurses
 * per nesting level (a stack overflow near 900 levels) and is very slow on deep flow collections,
 * so depth is measured on the lexer's token stream, which is linear, before anything is composed.
 */
export interface YamlLimits {
  maxBytes: number;
  maxFlowDepth: number;
  maxIndent: number;
  maxIndicatorsPerLine: number;
}

export const DEFAULT_LIMITS: YamlLimits = {
  maxBytes: 4 * 1024 * 1024,
  maxFlowDepth: 32,
  maxIndent: 160,
  maxIndicatorsPerLine: 32,
};
