import { contextBridge } from 'electron';
import type { RoleTrayApi } from '../../shared/roletray-api';

const api: RoleTrayApi = { apiVersion: 1 };
contextBridge.exposeInMainWorld('roletray', api);
