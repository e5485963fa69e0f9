/** A progress subscription as view state: the latest event, whether it runs, its error; stopped on unmount. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, subscribe } from './api';
import type { TypedDocumentString } from './gql/graphql';

export interface ProgressStream<R, V> {
  data: R | null;
  running: boolean;
  error: string | null;
  setError: (message: string | null) => void;
  /** Stops any previous run and starts this one. */
  start: (variables: V) => void;
  cancel: () => void;
}

export function useProgressStream<R, V extends Record<string, unknown>>(
  document: TypedDocumentString<R, V>,
): ProgressStream<R, V> {
  const [data, setData] = useState<R | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stop = useRef<(() => void) | null>(null);
  useEffect(() => () => stop.current?.(), []);

  const start = (variables: V) => {
    stop.current?.();
    setError(null);
    setData(null);
    setRunning(true);
    stop.current = subscribe(document, variables, {
      next: setData,
      error: (e) => {
        setError(errorText(e));
        setRunning(false);
      },
      complete: () => setRunning(false),
    });
  };

  const cancel = () => {
    stop.current?.();
    stop.current = null;
    setRunning(false);
  };

  return { data, running, error, setError, start, cancel };
}
