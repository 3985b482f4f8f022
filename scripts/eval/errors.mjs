// The one error class of the evaluation scripts: a machine-readable `code` and a sentence for a
// person (the scripts print the message alone).

/**
 * @typedef {'usage' | 'missing_file' | 'bad_manifest' | 'bad_ogg' | 'opus_failed' | 'opus_unavailable'
 *   | 'misaligned' | 'bad_results' | 'bad_model' | 'no_clips'} EvaluationErrorCode
 */

export class EvaluationError extends Error {
  /**
   * @param {EvaluationErrorCode} code
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    this.name = 'EvaluationError';
    this.code = code;
  }
}
