/** What every refused API call answers: a stable code for programs, a sentence for people. */
export interface ApiError {
  code: string;
  message: string;
}

export interface ApiRefusal {
  status: 401 | 403;
  body: ApiError;
}
