import type { Db } from '../db/db';
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import { createForm, createFormUndoStore, deleteForm, getForm, listForms, restoreForm, updateForm } from './service';

export function formHandlers(db: Db, events: CoreEvents, tenant: string): DomainHandlers {
  const undo = createFormUndoStore();
  const changed = () => events.emit('db:changed', { tables: ['app.ingest_forms'] });
  return {
    'forms:list': () => listForms(db, tenant),
    'forms:create': async (fields) => {
      const formKey = await createForm(db, tenant, fields);
      changed();
      return getForm(db, tenant, formKey);
    },
    'forms:update': async ({ formKey, ...fields }) => {
      await updateForm(db, tenant, formKey, fields);
      changed();
      return getForm(db, tenant, formKey);
    },
    'forms:delete': async ({ formKey }) => {
      const deleted = await deleteForm(db, undo, tenant, formKey);
      changed();
      return deleted;
    },
    'forms:restore': async ({ undoToken }) => {
      const formKey = await restoreForm(db, undo, tenant, undoToken);
      changed();
      return getForm(db, tenant, formKey);
    },
  };
}
