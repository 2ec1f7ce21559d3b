// Minimal typings of the third-party HTTP clients the rule tests use, so fix outputs can be type-checked.
declare module 'axios' {
  export interface AxiosRequestConfig {
    url?: string;
    method?: string;
    baseURL?: string;
    headers?: Record<string, string>;
    params?: unknown;
    data?: unknown;
    timeout?: number;
    signal?: AbortSignal;
  }
  export interface AxiosResponse<T = unknown> {
    data: T;
    status: number;
  }
  export interface AxiosInstance {
    (config: AxiosRequestConfig): Promise<AxiosResponse>;
    (url: string, config?: AxiosRequestConfig): Promise<AxiosResponse>;
    defaults: AxiosRequestConfig;
    request<T = unknown>(config: AxiosRequestConfig): Promise<AxiosResponse<T>>;
    get<T = unknown>(url: string, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
    delete<T = unknown>(url: string, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
    head<T = unknown>(url: string, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
    options<T = unknown>(url: string, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
    post<T = unknown>(url: string, data?: unknown, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
    put<T = unknown>(url: string, data?: unknown, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
    patch<T = unknown>(url: string, data?: unknown, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
  }
  export interface AxiosStatic extends AxiosInstance {
    create(config?: AxiosRequestConfig): AxiosInstance;
  }
  const axios: AxiosStatic;
  export default axios;
}

declare module 'got' {
  export interface Options {
    prefixUrl?: string;
    method?: string;
    json?: unknown;
    headers?: Record<string, string>;
    timeout?: { lookup?: number; connect?: number; request?: number; response?: number };
    signal?: AbortSignal;
    retry?: { limit?: number };
  }
  export interface Got {
    (url: string | URL, options?: Options): Promise<{ body: string }> & { json<T>(): Promise<T> };
    (options: Options & { url: string | URL }): Promise<{ body: string }>;
    get(url: string | URL, options?: Options): Promise<{ body: string }> & { json<T>(): Promise<T> };
    post(url: string | URL, options?: Options): Promise<{ body: string }> & { json<T>(): Promise<T> };
    extend(...options: Options[]): Got;
  }
  const got: Got;
  export default got;
  export { got };
}

declare module 'node-fetch' {
  export default function fetch(url: string | URL, init?: RequestInit & { timeout?: number }): Promise<Response>;
}

declare module 'undici' {
  export function fetch(url: string | URL, init?: RequestInit): Promise<Response>;
}

declare module 'p-timeout' {
  export default function pTimeout<T>(promise: PromiseLike<T>, options: { milliseconds: number }): Promise<T>;
}
