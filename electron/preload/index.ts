import { contextBridge, ipcRenderer } from 'electron';
import { createRoleTrayApi } from './roletray-api';

// The preload: runs sandboxed, before the page, and exposes exactly RoleTrayApi as window.roletray.
contextBridge.exposeInMainWorld('roletray', createRoleTrayApi(ipcRenderer));
