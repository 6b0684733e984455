import { MemoryStorage } from "./memory";
import { describeStorageContract } from "./storage-contract";

describeStorageContract("memory", async () => new MemoryStorage());
