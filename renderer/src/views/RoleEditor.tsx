import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { IpcResult, MetadataPatch } from '../../../shared/ipc-contract';
import type { RoleView } from '../../../shared/profiles-view';
import type { ProfileMetadata } from '../../../shared/sessions';
import { toCssHex, toMetadataColor } from '../lib/role-color';
import { ErrorText } from './ErrorText';

interface RoleEditorProps {
  role: RoleView;
  onSave: (patch: MetadataPatch) => Promise<IpcResult<ProfileMetadata>>;
  onClose: () => void;
}

const NEUTRAL = '#8a8f98';

/** The user's display name and colour for a role, kept by RoleTray (never written to ~/.aws). */
export function RoleEditor({ role, onSave, onClose }: RoleEditorProps) {
  const nameId = useId();
  const colourId = useId();
  const configColour = toCssHex(role.configColor);
  const [displayName, setDisplayName] = useState(role.metadata.displayName ?? '');
  const [colour, setColour] = useState<string | null>(toCssHex(role.metadata.color) ?? null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<RoleTrayErrorInfo>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const patch: MetadataPatch = {};
    const name = displayName.trim();
    if (name !== (role.metadata.displayName ?? '')) patch.displayName = name === '' ? null : name;
    const chosen = colour === null ? undefined : toMetadataColor(colour);
    if (chosen !== role.metadata.color) patch.color = chosen ?? null;
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    setSaving(true);
    const result = await onSave(patch);
    setSaving(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    onClose();
  };

  return (
    <form
      className="role-editor"
      aria-label={`Settings for ${role.name}`}
      onSubmit={(event) => void submit(event)}
      onKeyDown={onKeyDown}
    >
      <div className="field">
        <label htmlFor={nameId}>Display name</label>
        <input
          id={nameId}
          type="text"
          value={displayName}
          maxLength={64}
          placeholder={role.name}
          autoFocus
          onChange={(event) => setDisplayName(event.target.value)}
        />
      </div>
      <div className="field field-colour">
        <label htmlFor={colourId}>Colour</label>
        <input
          id={colourId}
          type="color"
          value={colour ?? configColour ?? NEUTRAL}
          onChange={(event) => setColour(event.target.value)}
        />
        <span className="muted">
          {colour !== null
            ? 'Your choice'
            : configColour
              ? 'From the color key in your AWS config'
              : 'No colour'}
        </span>
        {colour !== null && (
          <button type="button" className="button-small" onClick={() => setColour(null)}>
            {configColour ? 'Use the config colour' : 'No colour'}
          </button>
        )}
      </div>
      {error && <ErrorText error={error} />}
      <div className="editor-actions">
        <button type="submit" className="button-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
