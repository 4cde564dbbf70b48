import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FileRef } from '../../api';
import { useDebounced } from '../../components/use-debounced';
import { importQueries } from '../../queries/imports';

interface EventTitleCheckProps {
  file: FileRef;
  eventId: string;
  eventTitle: string;
  update: boolean;
  onUpdate(update: boolean): void;
}

/**
 * Under a connpass import's event fields: when the event is already stored
 * under another title, which title the import keeps, and the choice to
 * replace it (issue 11, defect 9) — said before the import starts.
 */
export function EventTitleCheck({ file, eventId, eventTitle, update, onUpdate }: EventTitleCheckProps) {
  const { t } = useTranslation();
  // One question per pause in typing, not per key.
  const id = useDebounced(eventId.trim(), 200);
  const title = useDebounced(eventTitle.trim(), 200);
  const input = {
    fileHandle: file.fileHandle,
    ...(id ? { eventId: id } : {}),
    ...(title ? { eventTitle: title } : {}),
    updateEventTitle: update,
  };
  const check = useQuery(importQueries.checkEvent(input));
  const answer = check.data;
  if (!answer?.eventId || answer.storedTitle === null) return null;
  const { note } = answer;
  const params = { id: answer.eventId, stored: answer.storedTitle, typed: note?.typedTitle ?? '' };
  const message = note === null ? 'eventStored' : note.kept === 'typed' ? 'eventRenamed' : 'eventKept';
  return (
    <div className="field field-wide">
      <p className="hint" role="status" data-testid="event-title-check">
        {t(`imports.options.${message}`, params)}
      </p>
      {note !== null || update ? (
        <div className="checkbox-field">
          <input id="import-option-updateEventTitle" type="checkbox" checked={update} onChange={(e) => onUpdate(e.target.checked)} />
          <label htmlFor="import-option-updateEventTitle">{t('imports.options.updateEventTitle')}</label>
        </div>
      ) : null}
    </div>
  );
}
