import { describe, expect, it } from 'vitest';
import { destinationDialog } from './download-dialog';

describe('destinationDialog', () => {
  it('asks where to save one object, starting in Downloads with its name', () => {
    expect(
      destinationDialog(
        { kind: 'file', profile: 'p', bucket: 'b', key: 'reports/q3.csv', suggestedName: 'q3.csv' },
        '/home/tyler/Downloads',
      ),
    ).toEqual({
      kind: 'save',
      options: {
        title: 'Download s3://b/reports/q3.csv',
        defaultPath: '/home/tyler/Downloads/q3.csv',
        buttonLabel: 'Download',
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      },
    });
  });

  it('asks for a folder to create the downloaded folder in', () => {
    const dialog = destinationDialog(
      { kind: 'folder', profile: 'p', bucket: 'b', prefix: 'reports/', suggestedName: 'reports' },
      '/home/tyler/Downloads',
    );
    expect(dialog).toMatchObject({
      kind: 'open',
      options: {
        title: 'Download s3://b/reports/ into…',
        defaultPath: '/home/tyler/Downloads',
        properties: ['openDirectory', 'createDirectory'],
      },
    });
    expect(dialog.options.message).toContain('“reports”');
  });
});
