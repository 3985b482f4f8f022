export { CoreError, type CoreErrorCode } from './backend/core-error.js';
