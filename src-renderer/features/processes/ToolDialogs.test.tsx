// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { processRow } from '../../../src-shared/testing/fixtures.ts';
import { DumpFileDialog } from './DumpFileDialog.tsx';
import { RunTaskDialog } from './RunTaskDialog.tsx';

afterEach(cleanup);

describe('DumpFileDialog', () => {
  const row = processRow({ pid: 4242, name: 'editor.exe' });

  it('names the process, suggests a file name, and sends a valid path', () => {
    const onCreate = vi.fn();
    render(<DumpFileDialog row={row} onCreate={onCreate} onCancel={vi.fn()} />);
    expect(screen.getByRole('dialog').textContent).toContain('editor.exe (PID 4242)');
    const input = screen.getByRole('textbox');
    expect(input.getAttribute('placeholder')).toContain('editor.dmp');
    expect(document.activeElement).toBe(input);
    fireEvent.change(input, { target: { value: '  C:\\dumps\\editor.dmp ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(onCreate).toHaveBeenCalledWith('C:\\dumps\\editor.dmp');
  });

  it('says in plain words what is wrong with a path, and sends nothing', () => {
    const onCreate = vi.fn();
    render(<DumpFileDialog row={row} onCreate={onCreate} onCancel={vi.fn()} />);
    const input = screen.getByRole('textbox');
    fireEvent.change(input, { target: { value: 'editor.dmp' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByRole('alert').textContent).toMatch(/full path/);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(input, { target: { value: 'C:\\dumps\\editor.txt' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(screen.getByRole('alert').textContent).toMatch(/\.dmp/);
    expect(onCreate).not.toHaveBeenCalled();
  });

  it('cannot be submitted empty; Escape cancels', () => {
    const onCancel = vi.fn();
    render(<DumpFileDialog row={row} onCreate={vi.fn()} onCancel={onCancel} />);
    expect((screen.getByRole('button', { name: 'Create' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledOnce();
  });
});

describe('RunTaskDialog', () => {
  it('runs the command line, as administrator when ticked', () => {
    const onRun = vi.fn();
    render(<RunTaskDialog onRun={onRun} onCancel={vi.fn()} />);
    fireEvent.change(screen.getByRole('textbox'), { target: { value: ' notepad C:\\notes.txt ' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /administrative privileges/ }));
    fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    expect(onRun).toHaveBeenCalledWith('notepad C:\\notes.txt', true);
  });

  it('runs on Enter, not as administrator unless asked; nothing for an empty line', () => {
    const onRun = vi.fn();
    render(<RunTaskDialog onRun={onRun} onCancel={vi.fn()} />);
    const input = screen.getByRole('textbox');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onRun).not.toHaveBeenCalled();
    expect((screen.getByRole('button', { name: 'OK' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(input, { target: { value: 'cmd' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onRun).toHaveBeenCalledWith('cmd', false);
  });
});
