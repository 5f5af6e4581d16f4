/**
 * Entry of the workbench worker (spawned by ./spawn.js): the uploaded workbook
 * and the engine live here, off the page's thread.
 */
import { openWorkbench } from '../workbench';
import { serveWorkbench } from './serve';
import type { Port, WorkbenchRequest, WorkbenchResponse } from './protocol';

serveWorkbench(self as unknown as Port<WorkbenchRequest, WorkbenchResponse>, openWorkbench);
