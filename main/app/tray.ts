import type { MenuItemConstructorOptions, NativeImage, Tray } from 'electron';

// The menu as Electron's own API types it (Menu.buildFromTemplate, Tray.setContextMenu): the module's exported
// Menu class is a subclass of it.
type Menu = Electron.Menu;
import type { TrayLook } from './tray-menu.ts';

/** What the tray shows at one moment: the icon's look and the menu's items. */
export interface TrayContent {
  look: TrayLook;
  menu: MenuItemConstructorOptions[];
}

/**
 * The icon file (in assets/tray, without ".png") for a look on a platform. macOS: a template image, which the menu
 * bar tints for light and dark, the count beside it as the tray's title. Elsewhere: the count drawn into the icon
 * as a badge, 1 to 9 and then 9+.
 */
export function trayIconName(look: TrayLook, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return `${look.icon}Template`;
  if (look.icon !== 'recording' || look.recording === 0) return look.icon;
  return `recording-${look.recording > 9 ? '9plus' : String(look.recording)}`;
}

/** The tray's title beside the icon (macOS only): the number of calls being recorded, or nothing. */
export const trayTitle = (look: TrayLook): string => (look.recording > 0 ? String(look.recording) : '');

/** The menu's items as data, without their click handlers: two menus that read the same are the same. */
const menuKey = (items: MenuItemConstructorOptions[]): string =>
  JSON.stringify(items, (_key, value: unknown) => (typeof value === 'function' ? undefined : value));

export interface AppTrayOptions {
  platform: NodeJS.Platform;
  /** The image of an icon file named by trayIconName. */
  image(name: string): NativeImage;
  buildMenu(items: MenuItemConstructorOptions[]): Menu;
  openWindow(): void;
}

/**
 * Keeps the tray in step with the recorder without disturbing the user: the menu is set again only when what it
 * says changes, the icon only when it changes, and nothing is set while the menu is open (where the platform says
 * so with menu-will-show/menu-will-close) — Electron closes an open menu when a new one is set
 * (electron/electron#4801), and some desktops flicker the icon when it is set again. A change held while the menu
 * is open is shown when it closes. On Windows a left click on the icon opens the window; the menu is on the right.
 */
export class AppTray {
  private shownMenu = '';
  private shownIcon = '';
  private shownTooltip = '';
  private shownTitle = '';
  private menuOpen = false;
  private held: TrayContent | undefined;

  constructor(
    private readonly tray: Tray,
    private readonly options: AppTrayOptions,
  ) {
    if (options.platform === 'win32') tray.on('click', () => options.openWindow());
  }

  show(content: TrayContent): void {
    if (this.menuOpen) {
      this.held = content;
      return;
    }
    const { look } = content;
    const icon = trayIconName(look, this.options.platform);
    if (icon !== this.shownIcon) {
      this.tray.setImage(this.options.image(icon));
      this.shownIcon = icon;
    }
    if (look.tooltip !== this.shownTooltip) {
      this.tray.setToolTip(look.tooltip);
      this.shownTooltip = look.tooltip;
    }
    const title = trayTitle(look);
    if (this.options.platform === 'darwin' && title !== this.shownTitle) {
      this.tray.setTitle(title);
      this.shownTitle = title;
    }
    const key = menuKey(content.menu);
    if (key !== this.shownMenu) {
      this.tray.setContextMenu(this.heldWhileOpen(this.options.buildMenu(content.menu)));
      this.shownMenu = key;
    }
  }

  private heldWhileOpen(menu: Menu): Menu {
    menu.on('menu-will-show', () => {
      this.menuOpen = true;
    });
    menu.on('menu-will-close', () => {
      this.menuOpen = false;
      // After the click that closed it has run: the new menu never replaces the old one under its own click.
      setImmediate(() => {
        const held = this.held;
        this.held = undefined;
        if (held && !this.menuOpen) this.show(held);
      });
    });
    return menu;
  }
}
