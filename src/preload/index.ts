import { contextBridge, ipcRenderer } from 'electron'
import type { SessionBuddyBridge } from '../shared/api/bridge'
import type { ChangeEvent } from '../shared/api/changes'
import { IPC_CALL_CHANNEL, IPC_CHANGE_CHANNEL, IPC_PICK_FOLDER_CHANNEL } from '../shared/api/channels'
import type { ApiResponse } from '../shared/api/errors'

// Sandboxed preload: exposes one narrow object, never ipcRenderer itself.
const bridge = {
  call: (name: string, input: unknown) =>
    ipcRenderer.invoke(IPC_CALL_CHANNEL, name, input) as Promise<ApiResponse<unknown>>,
  onChange: (listener: (event: ChangeEvent) => void) => {
    const relay = (_event: unknown, change: ChangeEvent) => listener(change)
    ipcRenderer.on(IPC_CHANGE_CHANNEL, relay)
    return () => {
      ipcRenderer.removeListener(IPC_CHANGE_CHANNEL, relay)
    }
  },
  pickFolder: () => ipcRenderer.invoke(IPC_PICK_FOLDER_CHANNEL) as Promise<string | null>,
} satisfies SessionBuddyBridge

contextBridge.exposeInMainWorld('sessionBuddy', bridge)
