// The provider picker's steps in VS Code's own quick input: a QuickPick or InputBox per step, with a
// Back button, a busy state while options load, inline validation, and progress notifications.
import * as vscode from 'vscode';
import type { InputAnswer, InputStep, NoticeKind, NoticeOptions, PickAnswer, PickerUi, PickOption, PickStep } from './picker-ui';

interface OptionItem extends vscode.QuickPickItem {
  option?: PickOption;
}

function toItems(options: PickOption[]): OptionItem[] {
  const items: OptionItem[] = [];
  for (const option of options) {
    // A separator sets items apart: never one above the first item, with nothing to set it apart from.
    if (option.separatorBefore !== undefined && items.length > 0) items.push({ label: option.separatorBefore, kind: vscode.QuickPickItemKind.Separator });
    items.push({
      label: option.label,
      ...(option.description ? { description: option.description } : {}),
      ...(option.detail ? { detail: option.detail } : {}),
      ...(option.buttons ? { buttons: option.buttons.map((b) => ({ iconPath: new vscode.ThemeIcon(b.icon), tooltip: b.tooltip })) } : {}),
      option,
    });
  }
  return items;
}

export class QuickInputUi implements PickerUi {
  pick(step: PickStep): Promise<PickAnswer> {
    const qp = vscode.window.createQuickPick<OptionItem>();
    qp.title = step.title;
    qp.placeholder = step.placeholder;
    qp.ignoreFocusOut = true;
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    if (step.step !== undefined) qp.step = step.step;
    if (step.totalSteps !== undefined) qp.totalSteps = step.totalSteps;
    qp.buttons = step.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    const subs: vscode.Disposable[] = [];
    return new Promise<PickAnswer>((resolve) => {
      subs.push(
        qp.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && resolve({ kind: 'back' })),
        qp.onDidAccept(() => {
          const option = qp.selectedItems[0]?.option;
          if (option) resolve({ kind: 'picked', id: option.id });
        }),
        qp.onDidTriggerItemButton((e) => {
          const index = e.item.buttons?.indexOf(e.button) ?? -1;
          const button = e.item.option?.buttons?.[index];
          if (e.item.option && button) resolve({ kind: 'picked', id: e.item.option.id, button: button.id });
        }),
        qp.onDidHide(() => resolve(undefined)),
      );
      qp.busy = true;
      qp.show();
      Promise.resolve(step.options).then(
        (options) => {
          const items = toItems(options);
          qp.items = items;
          const active = items.find((i) => i.option?.id === step.activeId);
          if (active) qp.activeItems = [active];
          qp.busy = false;
        },
        (e: unknown) => {
          qp.busy = false;
          qp.placeholder = e instanceof Error ? e.message : String(e);
        },
      );
    }).finally(() => {
      for (const s of subs) s.dispose();
      qp.dispose();
    });
  }

  input(step: InputStep): Promise<InputAnswer> {
    const box = vscode.window.createInputBox();
    box.title = step.title;
    box.prompt = step.prompt;
    box.ignoreFocusOut = true;
    if (step.placeholder) box.placeholder = step.placeholder;
    if (step.value) box.value = step.value;
    box.password = step.password ?? false;
    if (step.step !== undefined) box.step = step.step;
    if (step.totalSteps !== undefined) box.totalSteps = step.totalSteps;
    box.buttons = step.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    const validate = (value: string) => {
      const v = step.validate?.(value);
      box.validationMessage = v
        ? { message: v.message, severity: v.severity === 'error' ? vscode.InputBoxValidationSeverity.Error : vscode.InputBoxValidationSeverity.Warning }
        : undefined;
      return v;
    };
    const subs: vscode.Disposable[] = [];
    return new Promise<InputAnswer>((resolve) => {
      subs.push(
        box.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && resolve({ kind: 'back' })),
        box.onDidChangeValue((value) => validate(value)),
        box.onDidAccept(() => {
          if (validate(box.value)?.severity !== 'error') resolve({ kind: 'value', value: box.value });
        }),
        box.onDidHide(() => resolve(undefined)),
      );
      if (step.value) validate(step.value);
      box.show();
    }).finally(() => {
      for (const s of subs) s.dispose();
      box.dispose();
    });
  }

  async notify(kind: NoticeKind, message: string, actions: string[] = [], options: NoticeOptions = {}): Promise<string | undefined> {
    const show = kind === 'error' ? vscode.window.showErrorMessage : kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    if (options.detail !== undefined) return show(message, { modal: true, detail: options.detail }, ...actions);
    return show(message, ...actions);
  }

  progress<T>(title: string, work: () => Promise<T>): Promise<T> {
    return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: false }, work));
  }
}
