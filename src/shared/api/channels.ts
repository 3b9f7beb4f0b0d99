/** Transport names, in a file with no imports so the sandboxed preload can bundle it alone. */
export const HTTP_API_PREFIX = '/api/v1'
export const IPC_CALL_CHANNEL = 'session-buddy:call'
export const IPC_CHANGE_CHANNEL = 'session-buddy:change'
export const IPC_PICK_FOLDER_CHANNEL = 'session-buddy:pick-folder'
