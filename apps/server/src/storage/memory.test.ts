import { MemoryStorage } from "./memory";
import { describeStorageContract } from "../../test-support/storage-contract";

describeStorageContract("memory", async () => new MemoryStorage());
