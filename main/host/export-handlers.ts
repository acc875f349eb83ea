import type { ExportProgressView, ExportSelectionView, RecorderApi } from '../../preload/contract.ts';
import type { Clock } from '../recorder/clock.ts';
import { asExportFailure } from '../recorder/export/export-failure.ts';
import { describeExport, describeRecordings, exportFileName, exportRecordings, summarizeExport } from '../recorder/export/export-zip.ts';
import type { ExportSelection } from '../recorder/export/selection.ts';

/** Where an export goes, chosen in main: the path, and whether a file already there may be replaced (the dialog asked). */
export interface ExportTarget {
  path: string;
  overwrite: boolean;
}

export interface ExportDeps {
  /** The recordings folder, read at each call. */
  folder(): string;
  /** Asks where to save the ZIP (`suggestedName` proposed); undefined when the user cancels. The window never hands a path. */
  chooseExportFile(suggestedName: string): Promise<ExportTarget | undefined>;
  /** Tells the window how far the ZIP is written. */
  progress: (progress: ExportProgressView) => void;
  clock: Clock;
}

const selectionOf = (view: ExportSelectionView): ExportSelection =>
  view.kind === 'recordings' ? { kind: 'recordings', relativePaths: view.relativePaths } : { ...view, kind: 'filter' };

/** The window's Export: what a selection holds, then the ZIP, written where the user chose; one export at a time. */
export function exportHandlers(deps: ExportDeps): Pick<RecorderApi, 'exportSummary' | 'exportRecordings'> {
  let running = false;
  return {
    exportSummary: async (selection) => {
      try {
        const { count, bytes } = await summarizeExport(deps.folder(), selectionOf(selection));
        return { ok: true, count, bytes, message: describeRecordings(count, bytes) };
      } catch (error) {
        return { ok: false, message: asExportFailure(error).message };
      }
    },
    exportRecordings: async (view) => {
      if (running) return { ok: false, cancelled: false, message: 'An export is already being written. Wait until it is done.' };
      running = true;
      try {
        const selection = selectionOf(view);
        const folder = deps.folder();
        await summarizeExport(folder, selection); // nothing to choose a place for when nothing would be exported
        const target = await deps.chooseExportFile(exportFileName(selection, new Date(deps.clock.now())));
        if (!target) return { ok: false, cancelled: true, message: 'The export was cancelled.' };
        const result = await exportRecordings({
          folder,
          selection,
          target: target.path,
          overwrite: target.overwrite,
          clock: deps.clock,
          onProgress: deps.progress,
        });
        return { ok: true, count: result.count, bytes: result.bytes, message: describeExport(result) };
      } catch (error) {
        return { ok: false, cancelled: false, message: asExportFailure(error).message };
      } finally {
        running = false;
      }
    },
  };
}
