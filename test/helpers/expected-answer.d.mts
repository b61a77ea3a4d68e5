export function expectedAnswer(id: string): {
  answer: 'yes' | 'partly' | 'no' | 'unknown';
  citation: string;
  notes: string;
};
