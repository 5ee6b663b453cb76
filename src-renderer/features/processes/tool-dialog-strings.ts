/**
 * The Processes tab's tool dialogs' strings (affinity, dump file, run new task), in their own
 * module so they load with those dialogs (lazy chunks), not with the first script; their menu
 * items and results stay in strings.ts.
 */
export const toolDialogStrings = {
  affinity: {
    title: (what: string) => `Processor affinity of ${what}`,
    help: 'Choose the logical processors this process may run on.',
    legend: 'Logical processors',
    cpu: (index: number) => `CPU ${index}`,
    apply: 'Apply',
  },
  dump: {
    title: (what: string) => `Create a dump file of ${what}`,
    help: 'A full memory dump, for a debugger. It can be large (as large as the process’s memory) and holds whatever the process had in memory, passwords included: keep it private.',
    label: 'Save as (the full path of a new .dmp file)',
    placeholder: (name: string) => `C:\\Users\\you\\Desktop\\${name}.dmp`,
    create: 'Create',
  },
  runTask: {
    title: 'Create new task',
    help: 'Type the name of a program, folder, document or website, and Windows will open it. Quote a path that contains spaces.',
    label: 'Open',
    isElevated: 'Create this task with administrative privileges',
    run: 'OK',
  },
} as const;
