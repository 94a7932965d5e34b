import { registerCommands } from "./officeCommands";

/** commands.html's script: the ribbon's "Kiểm tra" and "Tính cột" (see officeCommands.ts). */
registerCommands();
