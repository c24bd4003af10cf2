/**
 * The head of a name and the tail that tells it apart ("Acme Design" and "(production)"): only
 * the head is cut short, so "Acme De… (production)" and "Acme De… (staging)" stay distinct.
 */
export function splitName(name: string): { head: string; tail: string } {
  const bracket = /^(.+?)(\s*[([][^()[\]]{1,24}[)\]])$/.exec(name);
  if (bracket) return { head: bracket[1]!, tail: bracket[2]! };
  const word = /^(.+?)(\s+\S{1,16})$/.exec(name);
  if (word) return { head: word[1]!, tail: word[2]! };
  return { head: name, tail: '' };
}

export function MiddleTruncate({ text, className }: { text: string; className?: string }) {
  const { head, tail } = splitName(text);
  return (
    <span className={`middle-truncate${className ? ` ${className}` : ''}`}>
      <span className="middle-truncate-head">{head}</span>
      {tail ? <span className="middle-truncate-tail">{tail}</span> : null}
    </span>
  );
}
