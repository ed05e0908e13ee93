/** The end of a lecture: what happened, the facts to keep, the score, and where to try it yourself. */
import { LECTURES } from '../../scenarios';
import { lectureOf } from '../../store/progress';
import { selectScenarioId, selectSpec } from '../../store/selectors';
import { useApp, useActions } from '../context';
import { Score } from '../quiz/Score';
import { RichText } from './RichText';
import { useLectureText, useT } from '../i18n';

export function SummaryCard() {
  const spec = useApp(selectSpec);
  const scenarioId = useApp(selectScenarioId);
  const a = useActions();
  const m = useT();
  const tl = useLectureText();
  const lecture = lectureOf(scenarioId) === scenarioId ? scenarioId : undefined;
  const starters = (spec.questions ?? []).filter((q) => q.tryIt);
  const at = LECTURES.findIndex((l) => l.id === lecture);
  const next = at >= 0 ? LECTURES[at + 1] : undefined;
  if (!spec.recap && !starters.length) return <Score />;
  return (
    <section className="summary-card" aria-labelledby="summary-title" data-testid="summary-card">
      <h3 id="summary-title">{m.summary.title}</h3>
      {spec.recap && (
        <>
          <p className="narr-text">
            <RichText text={tl(spec.recap.happened)} />
          </p>
          <h4 className="caps">{m.summary.keep}</h4>
          <ol className="facts">
            {spec.recap.facts.map((f, i) => (
              <li key={i}>
                <RichText text={tl(f)} />
              </li>
            ))}
          </ol>
        </>
      )}
      <Score />
      {lecture && (
        <>
          <h4 className="caps">{m.summary.tryYourself}</h4>
          <div className="starters">
            {starters.map((q) => (
              <button key={q.id} type="button" className="btn" onClick={() => void a.tryVariation(q.id)}>
                {tl(q.tryIt!.label)}
              </button>
            ))}
            <button type="button" className="btn" onClick={() => void a.emptyWorld().then(() => a.setSandboxOpen(true))}>
              {m.summary.emptyWorld}
            </button>
          </div>
        </>
      )}
      {next && (
        <p className="next-lecture">
          {m.summary.next}{' '}
          <button type="button" className="btn primary" onClick={() => void a.loadLecture(next.id)}>
            {m.lectureTitles[next.title] ?? next.title}
          </button>
        </p>
      )}
    </section>
  );
}
