// The part of Eleventy's programmatic API the tests use. Eleventy 3 ships JavaScript without
// declarations for its main entry point; these follow its JSDoc (`src/Eleventy.js`).
declare module "@11ty/eleventy" {
  /** The configuration API handed to a config function, as far as the tests call it. */
  export interface EleventyUserConfig {
    addPlugin(plugin: (...args: never[]) => unknown, options?: unknown): void;
    addPassthroughCopy(fileOrDir: string | Record<string, string>): void;
    addGlobalData(name: string, data: unknown): void;
    on(event: string, fn: (arg: unknown) => unknown): void;
    setChokidarConfig(options: Record<string, unknown>): void;
  }

  export interface EleventyOptions {
    configPath?: string;
    pathPrefix?: string;
    quietMode?: boolean;
    dryRun?: boolean;
    /** What the build's events report as `runMode`; `watch()` does not set it. */
    runMode?: "build" | "watch" | "serve";
    /** Runs on the configuration API after the config file. */
    config?: (config: EleventyUserConfig) => void;
  }

  /** A page as `toJSON()` gives it. */
  export interface EleventyJsonPage {
    url: string | false;
    inputPath: string;
    outputPath: string | false;
    rawInput: string;
    content: string;
  }

  export default class Eleventy {
    /** `input`: the input folder or file; `output`: the output folder. */
    constructor(input?: string, output?: string, options?: EleventyOptions);
    init(): Promise<void>;
    /** Builds the site and writes it to `output`. */
    write(): Promise<unknown>;
    /** Builds the site and gives its pages instead of writing them. */
    toJSON(): Promise<EleventyJsonPage[]>;
    /** Builds the site, then rebuilds it when a watched file changes, until `stopWatch()`. */
    watch(): Promise<unknown>;
    stopWatch(): Promise<void>;
  }
}
