/** The ribbon's ExecuteFunction names (manifest.xml <FunctionName>), in a module with no imports: the function file registers them before anything else loads. */
export const COMMAND_IDS = ['scoreWorkbook', 'validateWorkbook', 'undoScoring'] as const;
export type CommandId = (typeof COMMAND_IDS)[number];

export interface CompletableEvent {
  completed: (options?: { allowEvent?: boolean }) => void;
}
