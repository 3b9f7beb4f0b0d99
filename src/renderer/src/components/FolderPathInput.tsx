import { useId } from 'react'
import { useApiQuery } from '../api/client'
import { useDebounced } from '../api/use-debounced'

interface FolderPathInputProps {
  id: string
  value: string
  onChange(value: string): void
  placeholder?: string
}

/**
 * A folder path field that completes as you type, from a listing of folders under the home folder
 * (the browser has no folder dialog; the desktop app adds a Browse button beside it).
 */
export function FolderPathInput({ id, value, onChange, placeholder }: FolderPathInputProps) {
  const listId = useId()
  const typed = useDebounced(value, 120)
  const suggestions = useApiQuery('projects', 'folders-complete', { input: typed }, { enabled: typed.trim().length > 0 })
  return (
    <>
      <input
        id={id}
        type="text"
        list={listId}
        placeholder={placeholder ?? '~/code/my-project'}
        value={value}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={listId}>
        {(suggestions.data?.folders ?? []).map((folder) => (
          <option key={folder} value={folder} />
        ))}
      </datalist>
    </>
  )
}
