/**
 * H5 only (startup.ts is the mini-program's, empty). Imported first by the login page, the first page anyone sees:
 * its modules (the client core, the bridge, storage) are evaluated in one task and the page is rendered in the
 * next, instead of one long task. src/startup.h5.ts explains why.
 */
import { nextTask } from '../../utils/nextTask';

await nextTask();
